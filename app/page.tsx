export default function Home() {
  return <main>arxiv-feeds</main>;
}
