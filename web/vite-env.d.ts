/// <reference types="vite/client" />

declare module 'virtual:scenario-cards' {
  const cards: import('../src/scenario/card.ts').ScenarioCard[];
  export default cards;
}
