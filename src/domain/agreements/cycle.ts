/**
 * The annual cycle of the agreement for year Y (DOMAIN.md §7): stakeholders propose priorities
 * February–June of Y−1, the parties negotiate October–December of Y−1, sign in December of Y−1
 * or January of Y, and follow the goals up through Y. Dates are ISO days, ends inclusive.
 */
export const PHASES = ['proposals', 'negotiation', 'signing', 'follow_up'] as const;
export type Phase = (typeof PHASES)[number];

export interface PhaseWindow {
  phase: Phase;
  from: string;
  to: string;
}

export function phasesOf(year: number): PhaseWindow[] {
  const prev = year - 1;
  return [
    { phase: 'proposals', from: `${prev}-02-01`, to: `${prev}-06-30` },
    { phase: 'negotiation', from: `${prev}-10-01`, to: `${prev}-12-31` },
    { phase: 'signing', from: `${prev}-12-01`, to: `${year}-01-31` },
    { phase: 'follow_up', from: `${year}-01-01`, to: `${year}-12-31` },
  ];
}

/** The phases open on a day (negotiation and signing overlap in December). */
export function openPhases(year: number, day: string): Phase[] {
  return phasesOf(year)
    .filter((w) => w.from <= day && day <= w.to)
    .map((w) => w.phase);
}

export const PROPOSAL_STATUSES = ['submitted', 'accepted', 'rejected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const PROPOSER_KINDS = [
  'user_representative',
  'rd_unit',
  'university',
  'private_provider',
  'non_profit_provider',
  'agency',
  'municipality',
  'region',
] as const;
export type ProposerKind = (typeof PROPOSER_KINDS)[number];

export type Reminder =
  | { kind: 'proposals_undecided'; count: number; due: string }
  | { kind: 'no_draft'; due: string }
  | { kind: 'unsigned'; due: string }
  | { kind: 'no_decision'; due: string };

export interface CycleState {
  undecidedProposals: number;
  hasDraft: boolean;
  signed: boolean;
  decisions: number;
}

/**
 * What is open in the phases of a day: undecided proposals need an answer before negotiation
 * ends; a negotiation needs a draft agreement; the signing phase needs a signature; in the
 * follow-up year the grant decisions are due by its end.
 */
export function remindersOn(year: number, day: string, s: CycleState): Reminder[] {
  const open = openPhases(year, day);
  const end = (p: Phase) => phasesOf(year).find((w) => w.phase === p)?.to ?? day;
  const out: Reminder[] = [];
  if ((open.includes('proposals') || open.includes('negotiation')) && s.undecidedProposals > 0)
    out.push({ kind: 'proposals_undecided', count: s.undecidedProposals, due: end('negotiation') });
  if (open.includes('negotiation') && !s.hasDraft && !s.signed)
    out.push({ kind: 'no_draft', due: end('negotiation') });
  if (open.includes('signing') && !s.signed) out.push({ kind: 'unsigned', due: end('signing') });
  if (open.includes('follow_up') && s.signed && s.decisions === 0)
    out.push({ kind: 'no_decision', due: end('follow_up') });
  return out;
}
