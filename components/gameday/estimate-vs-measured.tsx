import type { CSSProperties } from "react";

/** One row of an estimate-vs-measured comparison (typed or computed impact). */
export interface DifferenceRow {
  label: string;
  expected: string;
  measured: string;
  delta: string;
  verdict: string;
}

/** The estimate beside what was measured, with what went worse than expected called out. */
export function EstimateVsMeasured(props: { rows: DifferenceRow[]; testId?: string; style?: CSSProperties }) {
  return (
    <table data-testid={props.testId} style={props.style}>
      <thead>
        <tr>
          <th />
          <th>Estimated</th>
          <th>Measured</th>
          <th>Difference</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((d) => (
          <tr key={d.label} data-verdict={d.verdict}>
            <td>{d.label}</td>
            <td>{d.expected}</td>
            <td>{d.measured}</td>
            <td className={d.verdict === "worse" ? "worse" : d.verdict === "better" ? "better" : ""}>
              {d.delta}
              {d.verdict === "worse" && " ⚠ worse than expected"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
