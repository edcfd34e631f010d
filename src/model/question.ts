/**
 * A question of the bank, as every layer sees it: the content engine produces it, the rules pick
 * and post it, the views render it. Nothing here knows about Slack's API or Redis.
 */
import type { Level } from './levels';

/** A labelled part of an answer, such as "Why it matters" or "Interview Tip". */
export interface AnswerPart {
  /** The label without emoji or the trailing colon ("Why it matters"); null for the unlabelled opening text. */
  label: string | null;
  /** The part's body as Markdown. */
  markdown: string;
}

export interface Question {
  /** Stable id: `<pack>/<slug of title>`; survives reordering and renumbering. */
  id: string;
  /** Pack id (front matter `pack`, else the file name without `.md`). */
  pack: string;
  /** The pack's human title (front matter `title`, else the page's `# ` heading). */
  packTitle: string;
  /** The `## ` section the question sits under (or the front matter `category` default). */
  category: string;
  /** The number written in the title ("3. …"), or null when the title has none. */
  number: number | null;
  /** The question itself, without its number. */
  title: string;
  level: Level;
  /** The think-first line without the 🧠, or null. */
  prompt: string | null;
  /** The whole answer as Markdown (dedented, level and prompt lines removed). */
  answer: string;
  /** The answer split at its labelled parts, in order. */
  parts: AnswerPart[];
  /** Where the question's admonition header is, for error messages. */
  source: { file: string; line: number };
}
