import { TextField } from "@mui/material";

/** A 6-digit code from the authenticator app: the numeric keyboard on phones, and the OS may fill it in. */
export function CodeField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error: string | null }) {
  return (
    <TextField
      name="code"
      label="Code from your app"
      autoComplete="one-time-code"
      required
      size="small"
      value={value}
      onChange={(event) => onChange(event.target.value.replace(/\D/g, "").slice(0, 6))}
      error={!!error}
      helperText={error ?? "6 digits"}
      slotProps={{ htmlInput: { inputMode: "numeric", pattern: "[0-9]{6}", maxLength: 6 } }}
    />
  );
}
