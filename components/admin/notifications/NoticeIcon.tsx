import AdminPanelSettingsIcon from "@mui/icons-material/AdminPanelSettings";
import ContentCopyIcon from "@mui/icons-material/ContentCopy";
import DevicesOtherIcon from "@mui/icons-material/DevicesOther";
import KeyIcon from "@mui/icons-material/Key";
import KeyOffIcon from "@mui/icons-material/KeyOff";
import LockOpenIcon from "@mui/icons-material/LockOpen";
import LockResetIcon from "@mui/icons-material/LockReset";
import LogoutIcon from "@mui/icons-material/Logout";
import PasswordIcon from "@mui/icons-material/Password";
import PhonelinkLockIcon from "@mui/icons-material/PhonelinkLock";
import PhonelinkEraseIcon from "@mui/icons-material/PhonelinkErase";
import ReceiptLongIcon from "@mui/icons-material/ReceiptLong";
import RestartAltIcon from "@mui/icons-material/RestartAlt";
import type { SvgIconProps } from "@mui/material";
import type { ComponentType } from "react";
import type { NotificationType } from "@/lib/contracts/notifications";

const icons: Record<NotificationType, ComponentType<SvgIconProps>> = {
  new_device_sign_in: DevicesOtherIcon,
  password_changed: PasswordIcon,
  password_reset: LockResetIcon,
  signed_out_by_admin: LogoutIcon,
  account_unlocked: LockOpenIcon,
  role_changed: AdminPanelSettingsIcon,
  reuse_detected: ContentCopyIcon,
  totp_enabled: PhonelinkLockIcon,
  totp_disabled: PhonelinkEraseIcon,
  recovery_code_used: ReceiptLongIcon,
  mfa_reset_by_admin: RestartAltIcon,
  passkey_added: KeyIcon,
  passkey_removed: KeyOffIcon,
};

/** A picture of what happened, beside the sentence that says it (so it is hidden from screen readers). */
export function NoticeIcon({ type, ...props }: { type: NotificationType } & SvgIconProps) {
  const Icon = icons[type];
  return <Icon aria-hidden {...props} />;
}
