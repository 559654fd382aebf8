import { PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart } from 'recharts';

/** The SERVQUAL radar (recharts). Loaded lazily: the library and practice screens never need it. */
export default function ServqualRadar({ data, label }: { data: { name: string; score: number }[]; label: string }) {
  return (
    <RadarChart width={470} height={300} data={data} outerRadius={90} accessibilityLayer title={label}>
      <PolarGrid />
      <PolarAngleAxis dataKey="name" tick={{ fontSize: 12, fill: '#1f2937' }} />
      <PolarRadiusAxis domain={[0, 100]} tickCount={6} angle={90} tick={{ fontSize: 10, fill: '#4b5563' }} />
      <Radar dataKey="score" stroke="#c2410c" fill="#fb923c" fillOpacity={0.45} isAnimationActive={false} />
    </RadarChart>
  );
}
