import { Card, CardContent, Divider, Typography } from "@mui/material";
import { Title, useGetIdentity } from "react-admin";
import { SignOutOthersButton } from "../sessions/SignOutOthersButton";
import { ChangePasswordForm } from "./ChangePasswordForm";
import { PasskeysSection } from "./passkeys/PasskeysSection";
import { TwoStepSection } from "./two-step/TwoStepSection";

/** Who you are, your password, and your second factors. */
export function ProfilePage() {
  const { identity } = useGetIdentity();
  return (
    <Card sx={{ mt: 2, maxWidth: 560 }} data-testid="profile-page">
      <Title title="Profile" />
      <CardContent>
        <Typography variant="h6">{identity?.fullName}</Typography>
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {identity ? `${identity.username} · ${identity.email}` : ""}
        </Typography>
        <ChangePasswordForm actions={<SignOutOthersButton label="Sign out other devices" />} />
        <Divider sx={{ my: 3 }} />
        <TwoStepSection />
        <Divider sx={{ my: 3 }} />
        <PasskeysSection />
      </CardContent>
    </Card>
  );
}
