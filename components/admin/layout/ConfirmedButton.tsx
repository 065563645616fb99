import { type ReactElement, type ReactNode, useState } from "react";
import { Button, Confirm } from "react-admin";

/**
 * A button for an action that cannot be taken back (ending sessions): it asks first, as
 * deleting an invoice does. Its icon stays on a phone, where react-admin shows the icon alone.
 */
export function ConfirmedButton({
  label,
  icon,
  title,
  content,
  confirm,
  onConfirm,
  disabled = false,
  variant,
}: {
  label: string;
  icon: ReactElement;
  title: string;
  content: ReactNode;
  confirm: string;
  onConfirm: () => Promise<void>;
  disabled?: boolean;
  variant?: "outlined" | "text";
}) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  async function confirmed() {
    setPending(true);
    try {
      await onConfirm();
    } finally {
      setPending(false);
      setOpen(false);
    }
  }
  return (
    <>
      <Button
        label={label}
        disabled={disabled || pending}
        variant={variant}
        onClick={(event) => {
          event.stopPropagation();
          setOpen(true);
        }}
      >
        {icon}
      </Button>
      <Confirm
        isOpen={open}
        loading={pending}
        title={title}
        content={content}
        confirm={confirm}
        confirmColor="warning"
        onConfirm={() => void confirmed()}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
