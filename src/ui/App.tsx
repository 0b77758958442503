/** The app shell: a top bar, the controls column and the simulator frame. */
export function App() {
  return (
    <div className="app">
      <header className="topbar">
        <h1>Patient trajectory simulator</h1>
        <p className="lede">
          Turns the survival, remission and relapse figures that clinical studies report into a
          seeded multi-state Markov model, simulates cohorts of patients with it, and shows them
          against the published figures.
        </p>
      </header>
      <main className="frame" aria-label="Simulator" />
    </div>
  );
}
