import AutorenewIcon from "@mui/icons-material/Autorenew";
import PhonelinkLockIcon from "@mui/icons-material/PhonelinkLock";
import PhonelinkEraseIcon from "@mui/icons-material/PhonelinkErase";
import { Alert, Button, Chip, Skeleton, Stack, Typography } from "@mui/material";
import { useState } from "react";
import { useDataProvider, useNotify } from "react-admin";
import type { TotpEnrolment } from "@/lib/contracts/mfa";
import type { GatehouseDataProvider } from "@/lib/admin/data-provider";
import { ConfirmedButton } from "../../layout/ConfirmedButton";
import { RecoveryCodesDialog } from "./RecoveryCodesDialog";
import { SetUpDialog } from "./SetUpDialog";
import { TurnOffDialog } from "./TurnOffDialog";
import { useTwoStepStatus } from "./useTwoStepStatus";

const FEW_CODES_LEFT = 3;
const failureText = (failure: unknown) => (failure instanceof Error && failure.message ? failure.message : "That did not work.");

/** Profile → Two-step verification: set it up, replace the recovery codes, turn it off. */
export function TwoStepSection() {
  const dataProvider = useDataProvider<GatehouseDataProvider>();
  const notify = useNotify();
  const { status, failed, reload } = useTwoStepStatus();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [codes, setCodes] = useState<{ title: string; codes: string[] } | null>(null);
  const [turningOff, setTurningOff] = useState(false);
  const [starting, setStarting] = useState(false);

  async function start() {
    setStarting(true);
    try {
      setEnrolment(await dataProvider.startTotp());
    } catch (failure) {
      notify(failureText(failure), { type: "error" });
    } finally {
      setStarting(false);
    }
  }

  async function regenerate() {
    try {
      setCodes({ title: "Your new recovery codes", codes: (await dataProvider.regenerateRecoveryCodes()).recovery_codes });
      reload();
    } catch (failure) {
      notify(failureText(failure), { type: "error" });
    }
  }

  return (
    <Stack spacing={2} component="section" aria-labelledby="two-step-title" data-testid="two-step-section">
      <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
        <Typography variant="subtitle1" component="h2" id="two-step-title">
          Two-step verification
        </Typography>
        {status && <Chip size="small" label={status.totpEnabled ? "On" : "Off"} color={status.totpEnabled ? "success" : "default"} data-testid="two-step-state" />}
      </Stack>
      {failed && <Alert severity="error">Could not load the two-step settings.</Alert>}
      {!status && !failed && <Skeleton width="60%" />}
      {status && !status.totpEnabled && (
        <>
          <Typography variant="body2">Sign in with a code from an authenticator app on your phone as well as your password.</Typography>
          <Button startIcon={<PhonelinkLockIcon />} variant="outlined" onClick={() => void start()} disabled={starting} sx={{ alignSelf: "flex-start" }}>
            Set up
          </Button>
        </>
      )}
      {status?.totpEnabled && (
        <>
          <Typography variant="body2" data-testid="recovery-codes-left">
            {status.recoveryCodesLeft} of 10 recovery codes left.
          </Typography>
          {status.recoveryCodesLeft <= FEW_CODES_LEFT && <Alert severity="warning">You are running out of recovery codes. Replace them to get ten new ones.</Alert>}
          <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap", gap: 1 }}>
            <ConfirmedButton
              label="Replace recovery codes"
              icon={<AutorenewIcon />}
              variant="outlined"
              title="Replace your recovery codes?"
              content="You get ten new codes; the ones you have now stop working."
              confirm="Replace them"
              onConfirm={regenerate}
            />
            <Button startIcon={<PhonelinkEraseIcon />} color="error" onClick={() => setTurningOff(true)}>
              Turn off
            </Button>
          </Stack>
        </>
      )}
      {enrolment && (
        <SetUpDialog
          enrolment={enrolment}
          onCancel={() => setEnrolment(null)}
          onConfirmed={(recoveryCodes) => {
            setEnrolment(null);
            setCodes({ title: "Two-step verification is on: save your recovery codes", codes: recoveryCodes });
            reload();
          }}
        />
      )}
      {codes && <RecoveryCodesDialog title={codes.title} codes={codes.codes} onDone={() => setCodes(null)} />}
      {turningOff && (
        <TurnOffDialog
          onCancel={() => setTurningOff(false)}
          onDone={() => {
            setTurningOff(false);
            notify("Two-step verification is off.", { type: "success" });
            reload();
          }}
        />
      )}
    </Stack>
  );
}
