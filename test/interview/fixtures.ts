import type { Question } from '../../src/model/question';
import type { Interview } from '../../src/model/interviews';

export function makeQuestion(n: number, over: Partial<Question> = {}): Question {
  return {
    id: `drills/q${n}`,
    pack: 'drills',
    packTitle: 'Interview Drills',
    category: n % 2 ? 'Containers' : 'Pipelines',
    number: n,
    title: `Question number ${n}?`,
    level: 'intermediate',
    prompt: 'Think before expanding...',
    answer: `Answer ${n}.`,
    parts: [
      { label: null, markdown: `Answer ${n}.` },
      { label: 'Why it matters', markdown: `Because ${n}.` },
    ],
    source: { file: 'drills.md', line: n },
    ...over,
  };
}

export function makeInterview(over: Partial<Interview> = {}): Interview {
  return {
    id: 'abc123def456',
    team: 'T1',
    channel: 'C1',
    parentTs: '1700000000.000100',
    interviewer: 'UALICE01',
    candidate: 'UBOB0002',
    count: 3,
    requested: 3,
    level: null,
    topics: [],
    status: 'running',
    index: 0,
    slots: [],
    createdAt: 0,
    touchedAt: 0,
    createdBy: 'UALICE01',
    startedBy: 'UBOB0002',
    endedBy: null,
    summaryTs: null,
    summaryBy: null,
    summaryAt: 0,
    swapOf: null,
    swappedTo: null,
    swappedBy: null,
    ...over,
  };
}
