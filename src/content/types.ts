/** What the content engine adds to the shared model: packs as loaded, and the problems found in them. */
import type { Question } from '../model/question';

export { LEVELS, type Level } from '../model/levels';
export type { AnswerPart, Question } from '../model/question';


export interface Pack {
  id: string;
  title: string;
  file: string;
  date: string | null;
  tags: string[];
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
