export const roleChoices = [
  { id: "user", name: "User" },
  { id: "admin", name: "Administrator" },
];
