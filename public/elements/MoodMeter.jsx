// The customer's live mood, shown beside the chat. Props come from bot/web/render.py:mood_meter_props.
// Inline styles only: a custom element gets just the Tailwind classes Chainlit's own bundle happens to use.

const BAND_COLORS = { calm: "#2ca02c", annoyed: "#ff7f0e", furious: "#d62728", abusive: "#7b1fa2" };

function Bar({ label, value, delta, color, testId }) {
  const arrow = delta > 0 ? `▲ +${delta}` : delta < 0 ? `▼ ${delta}` : "";
  return (
    <div data-testid={testId} data-value={value} style={{ marginBottom: 10 }}>
      <div style={{ display: "flex", justifyContent: "space-between", fontSize: 13 }}>
        <span>{label}</span>
        <span>
          <strong>{value}</strong>/10 <span style={{ opacity: 0.7 }}>{arrow}</span>
        </span>
      </div>
      <div style={{ background: "#e5e7eb", borderRadius: 6, height: 10, overflow: "hidden" }}>
        <div
          style={{
            width: `${value * 10}%`,
            height: "100%",
            background: color,
            transition: "width 0.6s ease",
          }}
        />
      </div>
    </div>
  );
}

function Sparkline({ history, field, color }) {
  if (history.length < 2) return null;
  const width = 220;
  const height = 36;
  const points = history
    .map((mood, i) => `${(i * width) / (history.length - 1)},${height - (mood[field] * height) / 10}`)
    .join(" ");
  return <polyline fill="none" stroke={color} strokeWidth="2" points={points} />;
}

export default function MoodMeter() {
  const history = props.history || [];
  const bandColor = BAND_COLORS[props.band] || "#888";
  return (
    <div
      data-testid="mood-meter"
      data-anger={props.anger}
      data-trust={props.trust}
      data-band={props.band}
      style={{ padding: 12, border: "1px solid #e5e7eb", borderRadius: 10, minWidth: 220 }}
    >
      <div style={{ display: "flex", justifyContent: "space-between", marginBottom: 10 }}>
        <strong>{props.customer}</strong>
        <span
          data-testid="mood-band"
          style={{ background: bandColor, color: "white", borderRadius: 8, padding: "0 8px", fontSize: 12 }}
        >
          {props.band}
        </span>
      </div>
      <Bar label="Anger" value={props.anger} delta={props.angerDelta} color="#d62728" testId="mood-anger" />
      <Bar label="Trust" value={props.trust} delta={props.trustDelta} color="#2ca02c" testId="mood-trust" />
      {history.length > 1 && (
        <svg width="220" height="36" style={{ display: "block", marginTop: 4 }} aria-label="mood so far">
          <Sparkline history={history} field="anger" color="#d62728" />
          <Sparkline history={history} field="trust" color="#2ca02c" />
        </svg>
      )}
      <div style={{ fontSize: 11, opacity: 0.7, marginTop: 4 }}>
        after {history.length - 1} {history.length === 2 ? "reply" : "replies"}
      </div>
    </div>
  );
}
