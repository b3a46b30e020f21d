/**
 * The emoticons people type, as emoji with a name for screen readers. Only a whole word turns into
 * an emoji (`:)` alone, not inside `http://x:)`), so code and URLs are left as typed.
 */
export interface Emoticon {
  emoji: string;
  label: string;
}

export const EMOTICONS: Readonly<Record<string, Emoticon>> = {
  ':)': { emoji: '🙂', label: 'smiling face' },
  ':-)': { emoji: '🙂', label: 'smiling face' },
  ':(': { emoji: '🙁', label: 'frowning face' },
  ':-(': { emoji: '🙁', label: 'frowning face' },
  ';)': { emoji: '😉', label: 'winking face' },
  ';-)': { emoji: '😉', label: 'winking face' },
  ':D': { emoji: '😄', label: 'grinning face' },
  ':-D': { emoji: '😄', label: 'grinning face' },
  ':P': { emoji: '😛', label: 'face with tongue' },
  ':-P': { emoji: '😛', label: 'face with tongue' },
  ':p': { emoji: '😛', label: 'face with tongue' },
  ':O': { emoji: '😮', label: 'surprised face' },
  ':o': { emoji: '😮', label: 'surprised face' },
  ":'(": { emoji: '😢', label: 'crying face' },
  ':|': { emoji: '😐', label: 'neutral face' },
  '<3': { emoji: '❤️', label: 'heart' },
  '(y)': { emoji: '👍', label: 'thumbs up' },
  '(n)': { emoji: '👎', label: 'thumbs down' },
  'B)': { emoji: '😎', label: 'smiling face with sunglasses' },
};
