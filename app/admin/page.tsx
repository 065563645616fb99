export default function AdminPage() {
  return <main>Gatehouse</main>;
}
