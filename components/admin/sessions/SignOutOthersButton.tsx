import DevicesOtherIcon from "@mui/icons-material/DevicesOther";
import { useNotify, useRefresh } from "react-admin";
import { signOutOtherDevices } from "@/lib/admin/sign-out-others";
import { ConfirmedButton } from "../layout/ConfirmedButton";

/** Ends every other login of the signed-in user, once asked; this one stays. */
export function SignOutOthersButton({ label }: { label: string }) {
  const notify = useNotify();
  const refresh = useRefresh();
  async function signOutOthers() {
    try {
      await signOutOtherDevices();
      notify("Signed out everywhere else.", { type: "success" });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : "That did not work.", { type: "error" });
    }
  }
  return (
    <ConfirmedButton
      label={label}
      icon={<DevicesOtherIcon />}
      variant="outlined"
      title="Sign out everywhere else?"
      content="Every other device signed in as you is signed out on its next request. This one stays signed in."
      confirm="Sign out the others"
      onConfirm={signOutOthers}
    />
  );
}
