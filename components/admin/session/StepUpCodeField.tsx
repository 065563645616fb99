import { Button, Stack, TextField } from "@mui/material";

/** The second factor in "Confirm it's you": the app's code, or a recovery code for someone without their phone. */
export function StepUpCodeField({ recovery, onSwitch }: { recovery: boolean; onSwitch: () => void }) {
  return (
    <Stack spacing={1}>
      {recovery ? (
        <TextField key="recovery" name="code" label="Recovery code" autoComplete="off" required size="small" slotProps={{ htmlInput: { autoCapitalize: "none", spellCheck: false, maxLength: 64 } }} />
      ) : (
        <TextField
          key="otp"
          name="code"
          label="Code from your app"
          autoComplete="one-time-code"
          required
          size="small"
          slotProps={{ htmlInput: { inputMode: "numeric", pattern: "[0-9]{6}", maxLength: 6, title: "6 digits" } }}
        />
      )}
      <Button variant="text" size="small" onClick={onSwitch} sx={{ alignSelf: "flex-start" }}>
        {recovery ? "Use a code from your app instead" : "Use a recovery code instead"}
      </Button>
    </Stack>
  );
}
