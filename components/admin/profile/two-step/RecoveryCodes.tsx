import ContentCopyIcon from "@mui/icons-material/ContentCopy";
import DownloadIcon from "@mui/icons-material/Download";
import { Alert, Box, Button, Checkbox, FormControlLabel, Stack } from "@mui/material";
import { useNotify } from "react-admin";

const FILE_NAME = "gatehouse-recovery-codes.txt";

export const recoveryCodesText = (codes: string[]) =>
  ["Gatehouse recovery codes", "Each code signs you in once if you lose your authenticator app.", "", ...codes, ""].join("\n");

/**
 * The recovery codes, shown this once: copy or download them, and say they are saved before
 * the dialog around them may close (it takes `saved` to enable its Done button).
 */
export function RecoveryCodes({ codes, saved, onSavedChange }: { codes: string[]; saved: boolean; onSavedChange: (saved: boolean) => void }) {
  const notify = useNotify();
  const href = `data:text/plain;charset=utf-8,${encodeURIComponent(recoveryCodesText(codes))}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(recoveryCodesText(codes));
      notify("Recovery codes copied.", { type: "info" });
    } catch {
      notify("Copying did not work here; download them instead.", { type: "warning" });
    }
  }

  return (
    <Stack spacing={2}>
      <Alert severity="warning">Save these codes somewhere safe. Each one signs you in once without your phone. They are not shown again.</Alert>
      <Box component="ol" data-testid="recovery-codes" sx={{ m: 0, pl: 4, columns: 2, fontFamily: "monospace", fontSize: "1rem" }}>
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </Box>
      <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap" }}>
        <Button startIcon={<ContentCopyIcon />} onClick={() => void copy()}>
          Copy
        </Button>
        <Button startIcon={<DownloadIcon />} href={href} download={FILE_NAME}>
          Download .txt
        </Button>
      </Stack>
      <FormControlLabel control={<Checkbox checked={saved} onChange={(event) => onSavedChange(event.target.checked)} />} label="I saved them" />
    </Stack>
  );
}
