import polyglotI18nProvider from "ra-i18n-polyglot";
import englishMessages from "ra-language-english";

/**
 * react-admin's English, with notifications that name the record instead of "Element updated",
 * and an account button that is not called "Profile" like the profile page.
 */
const messages = {
  ...englishMessages,
  ra: { ...englishMessages.ra, auth: { ...englishMessages.ra.auth, user_menu: "Account" } },
  resources: {
    invoices: {
      name: "Invoice |||| Invoices",
      // The phone's sort menu names fields by these; amounts sort within each currency.
      fields: { issuedAt: "Issued", dueAt: "Due", amountCents: "Amount (by currency)" },
      notifications: {
        created: "Invoice saved",
        updated: "Invoice saved",
        deleted: "Invoice deleted |||| %{smart_count} invoices deleted",
      },
    },
    users: {
      name: "User |||| Users",
      notifications: {
        created: "User created",
        updated: "User saved",
        deleted: "User deleted |||| %{smart_count} users deleted",
      },
    },
  },
};

export const i18nProvider = polyglotI18nProvider(() => messages, "en", undefined, { allowMissing: true });
