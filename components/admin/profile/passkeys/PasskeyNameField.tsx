import { TextField } from "@mui/material";

/** The name a person gives a passkey, to tell it apart in the list later. */
export function PasskeyNameField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error: string | null }) {
  return (
    <TextField
      name="name"
      label="Name"
      autoComplete="off"
      required
      size="small"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={!!error}
      helperText={error ?? "The device or password manager that keeps it, say."}
      slotProps={{ htmlInput: { maxLength: 64 } }}
    />
  );
}
