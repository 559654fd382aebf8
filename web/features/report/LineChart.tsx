/**
 * A small line chart in plain SVG (0-100 on the y axis), used for the anger curve and score
 * trends. `label` is what a screen reader hears instead of the picture.
 */
export function LineChart({ values, label, color = '#c2410c', width = 360, height = 140, xLabels, testId, compact = false }: {
  values: readonly number[];
  label: string;
  color?: string;
  width?: number;
  height?: number;
  xLabels?: readonly string[];
  testId?: string;
  /** A sparkline: no grid labels, small dots (for tables). */
  compact?: boolean;
}) {
  const pad = compact ? { left: 4, right: 4, top: 4, bottom: 4 } : { left: 30, right: 10, top: 10, bottom: 22 };
  const w = width - pad.left - pad.right;
  const h = height - pad.top - pad.bottom;
  const x = (i: number) => pad.left + (values.length <= 1 ? w / 2 : (i * w) / (values.length - 1));
  const y = (v: number) => pad.top + h - (Math.max(0, Math.min(100, v)) / 100) * h;
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return (
    <svg className="line-chart" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={label} data-testid={testId}>
      {(compact ? [0] : [0, 50, 100]).map((v) => (
        <g key={v}>
          <line x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} stroke="#e5e7eb" />
          {!compact && <text x={pad.left - 6} y={y(v) + 4} textAnchor="end" fontSize="10" fill="#4b5563">{v}</text>}
        </g>
      ))}
      <polyline points={points} fill="none" stroke={color} strokeWidth="2.5" strokeLinejoin="round" />
      {values.map((v, i) => <circle key={i} cx={x(i)} cy={y(v)} r={compact ? 2 : 3.5} fill={color} />)}
      {xLabels?.map((l, i) => (
        <text key={i} x={x(i)} y={height - 6} textAnchor="middle" fontSize="10" fill="#4b5563">{l}</text>
      ))}
    </svg>
  );
}
