import { lazy, Suspense } from 'react';
import type { DimensionDef } from '../../../src/rubric/data.ts';
import type { Lang } from '../../../src/text/messages.ts';
import type { OpinionState } from './use-llm.ts';

// Only reports with the model on show it, so its code and labels are fetched then.
const SecondOpinionView = lazy(() => import('./SecondOpinionView.tsx'));

/** The report's second-opinion panel (see SecondOpinionView.tsx). */
export function SecondOpinionPanel(props: { lang: Lang; opinion: OpinionState; dimensions: readonly DimensionDef[] }) {
  return (
    <Suspense fallback={null}>
      <SecondOpinionView {...props} />
    </Suspense>
  );
}
