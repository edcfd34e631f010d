/** What the content engine adds to the shared model: packs as loaded, and the problems found in them. */
import type { Question } from '../model/question';

export { LEVELS, type Level } from '../model/levels';
export type { AnswerPart, Question } from '../model/question';


export interface Pack {
  id: string;
  title: string;
  file: string;
  date: string | null;
  /**
   * Front matter `reviewed:`: the day the pack's facts were last checked (YYYY-MM-DD, null when the value was not
   * a day) and its line; null when the key is absent. content:check warns when it is missing or over a year old.
   */
  reviewed: { date: string | null; line: number } | null;
  tags: string[];
  /** The `## ` sections in file order, with the line of each heading. */
  sections: Array<{ name: string; line: number }>;
  /** True when the file was mojibake (UTF-8 read as Windows-1252) and was repaired on load. */
  wasRepaired: boolean;
  questions: Question[];
}

export interface ContentProblem {
  file: string;
  line: number;
  severity: 'error' | 'warning';
  message: string;
}
