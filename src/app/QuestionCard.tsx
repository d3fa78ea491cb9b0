/**
 * The audience question on screen (issue 13, item 3): the prompt and its
 * answers before the recording is shown, and after the reveal the answer the
 * recording gives and why. The lecturer reveals with R, with the B or "." key
 * a presenter clicker's black-screen button sends, or with the button.
 */
import { useEffect, useState } from 'react';
import { isTyping } from './isTyping';
import { useShallow } from 'zustand/react/shallow';
import type { Question } from '../components/question';
import { useStore } from '../state/store';
import { isRevealed, questionOf, reveal, REVEAL_KEYS } from './question';
import './lecture.css';

function onKey(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
  if (!REVEAL_KEYS.includes(e.key)) return;
  const s = useStore.getState();
  if (questionOf(s) === null || isRevealed(s.viewParams)) return;
  e.preventDefault();
  reveal();
}

export function QuestionCard() {
  const { question, revealed } = useStore(
    useShallow((s) => ({ question: questionOf(s), revealed: isRevealed(s.viewParams) })),
  );
  // The hall's guess, marked by the lecturer: kept per question, never in the URL.
  const [marked, setMarked] = useState<{ of: Question; choice: number } | null>(null);
  const guess = marked && marked.of === question ? marked.choice : null;
  useEffect(() => {
    if (!question) return;
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [question]);
  if (!question) return null;
  return (
    <section className={`question-card${revealed ? ' revealed' : ''}`} aria-labelledby="question-title">
      <h3 id="question-title">{revealed ? 'The recording says' : 'Predict first'}</h3>
      <fieldset className="question-choices">
        <legend>{question.prompt}</legend>
        {question.choices.map((choice, i) => (
          <label key={i} className={revealed && i === question.answer ? 'answer' : undefined}>
            <input
              type="radio"
              name="question-guess"
              checked={guess === i}
              onChange={() => setMarked({ of: question, choice: i })}
            />
            <span>{choice}</span>
            {revealed && i === question.answer && <strong className="answer-mark"> ✓ the recorded answer</strong>}
          </label>
        ))}
      </fieldset>
      {revealed ? (
        <p className="question-why" role="status">
          {question.why}
        </p>
      ) : (
        <p className="question-reveal">
          <button type="button" onClick={reveal} aria-keyshortcuts="R B .">
            Reveal the result
          </button>
          <span className="question-hint">
            R, or a clicker’s black-screen button (B or .): the recorded result is hidden until then
          </span>
        </p>
      )}
    </section>
  );
}
