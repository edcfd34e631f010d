/**
 * Redis keys and BullMQ job ids are built from ids that arrive in requests. Their parts are encoded so that two
 * different lists of parts never give the same name (`UA:UB` + `UC` against `UA` + `UB:UC`), while well-formed
 * ids, timestamps and periods map to themselves, so the keys already in Redis keep working.
 */
import fc from 'fast-check';
import { Keys } from '../../src/store/keys';
import { jobId } from '../../src/jobs/queues';

const keys = new Keys('dq');
const part = fc.string({ unit: fc.constantFrom('U', 'A', '1', ':', '-', '_', '{', '}', '%', '|', '.', ' ', 'é', '\n'), maxLength: 8 });

describe('well-formed parts map to themselves', () => {
  test('the keys of a channel, a team and an interview are as they always were', () => {
    const ch = keys.channel('T0TEST', 'C0QUIZ001');
    expect(ch.post('1700000000.000100')).toBe('dq:{T0TEST:C0QUIZ001}:post:1700000000.000100');
    expect(ch.votes('1700000000.000100')).toBe('dq:{T0TEST:C0QUIZ001}:votes:1700000000.000100');
    expect(ch.board('w2026-W48')).toBe('dq:{T0TEST:C0QUIZ001}:board:w2026-W48');
    expect(ch.boardStats('m2026-11')).toBe('dq:{T0TEST:C0QUIZ001}:bstats:m2026-11');
    expect(ch.qotdClaim('2026-11-03')).toBe('dq:{T0TEST:C0QUIZ001}:qotd:2026-11-03');
    expect(ch.posted).toBe('dq:{T0TEST:C0QUIZ001}:posted');
    expect(ch.answers('UBOB0002')).toBe('dq:{T0TEST:C0QUIZ001}:answers:UBOB0002');
    expect(ch.schedule).toBe('dq:{T0TEST:C0QUIZ001}:schedule');
    expect(keys.interview('T0TEST', '0a1b2c3d4e5f')).toBe('dq:{T0TEST}:iv:0a1b2c3d4e5f');
    expect(keys.interviewPair('T0TEST', 'UBOB0002', 'UALICE01')).toBe('dq:{T0TEST}:iv-pair:UALICE01:UBOB0002');
    expect(keys.interviewSeen('T0TEST', 'W0ALICE01')).toBe('dq:{T0TEST}:iv-seen:W0ALICE01');
  });

  test('job ids are as they always were', () => {
    expect(jobId('qotd', 'T0TEST', 'C0QUIZ001')).toBe('qotd-T0TEST-C0QUIZ001');
    expect(jobId('reveal', 'T0TEST', 'C0QUIZ001', '1700000000.000100')).toBe('reveal-T0TEST-C0QUIZ001-1700000000.000100');
    expect(jobId('interview', 'T0TEST', '0a1b2c3d4e5f')).toBe('interview-T0TEST-0a1b2c3d4e5f');
  });
});

describe('different parts never give the same name', () => {
  test('the pair collision of the report', () => {
    expect(keys.interviewPair('T1', 'UA:UB', 'UC')).not.toBe(keys.interviewPair('T1', 'UA', 'UB:UC'));
    expect(keys.channel('T1:C1', 'C2').post('1.1')).not.toBe(keys.channel('T1', 'C1:C2').post('1.1'));
    expect(jobId('reveal', 'T1-C1', 'C2', '1.1')).not.toBe(jobId('reveal', 'T1', 'C1-C2', '1.1'));
    expect(jobId('qotd', 'T1:C1', 'C2')).not.toBe(jobId('qotd', 'T1_C1', 'C2'));
  });

  test('channel keys: (team, channel, ts) → key is one-to-one, and the hash tag is always the first {…}', () => {
    fc.assert(
      fc.property(part, part, part, part, part, part, (t1, c1, s1, t2, c2, s2) => {
        fc.pre(t1 !== t2 || c1 !== c2 || s1 !== s2);
        const a = keys.channel(t1, c1).post(s1);
        const b = keys.channel(t2, c2).post(s2);
        expect(a).not.toBe(b);
        // Redis Cluster hashes the text between the first { and the next }: it must be the team and channel.
        expect(/\{([^}]*)\}/.exec(a)![1]).toBe(/\{([^}]*)\}/.exec(keys.channel(t1, c1).post('x'))![1]);
      }),
      { numRuns: 2000, seed: 20261201 },
    );
  });

  test('interview pair keys depend only on the two people, in either order', () => {
    fc.assert(
      fc.property(part, part, part, part, (a, b, c, d) => {
        const same = (a === c && b === d) || (a === d && b === c);
        expect(keys.interviewPair('T1', a, b) === keys.interviewPair('T1', c, d)).toBe(same);
      }),
      { numRuns: 2000, seed: 20261202 },
    );
  });

  test('job ids are one-to-one and never hold ":" (BullMQ refuses it)', () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), fc.array(part, { minLength: 1, maxLength: 4 }), (a, b) => {
        const [x, y] = [jobId(...a), jobId(...b)];
        expect(x).not.toContain(':');
        expect(x === y).toBe(a.length === b.length && a.every((p, i) => p === b[i]));
      }),
      { numRuns: 2000, seed: 20261203 },
    );
  });
});
