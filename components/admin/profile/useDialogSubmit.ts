import { type FormEvent, useState } from "react";

/**
 * The submit of a profile dialog: one request at a time, its failure said in words under the
 * field (none for a closed browser prompt), and the button left disabled after a success,
 * because the dialog is closing.
 */
export function useDialogSubmit(action: () => Promise<void>, describe: (failure: unknown) => string | null) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(describe(failure));
      setPending(false);
    }
  }

  return { submit, error, pending };
}
