import ContentCopyIcon from "@mui/icons-material/ContentCopy";
import { Box, Button, Stack, Typography } from "@mui/material";
import { useNotify } from "react-admin";

/** Groups of four, as authenticator apps show them; the apps ignore the spaces. */
export const groupSecret = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

/** The secret for typing into an app by hand, when the camera is not an option. */
export function SecretKey({ secret }: { secret: string }) {
  const notify = useNotify();
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      notify("Key copied.", { type: "info" });
    } catch {
      notify("Copying did not work here; select the key instead.", { type: "warning" });
    }
  }
  return (
    <Stack spacing={1}>
      <Typography variant="body2">Can&apos;t scan it? Enter this key in your app instead:</Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }}>
        <Box component="code" data-testid="totp-secret" sx={{ fontFamily: "monospace", fontSize: "1rem", letterSpacing: 1, wordBreak: "break-word" }}>
          {groupSecret(secret)}
        </Box>
        <Button size="small" startIcon={<ContentCopyIcon />} onClick={() => void copy()}>
          Copy key
        </Button>
      </Stack>
    </Stack>
  );
}
