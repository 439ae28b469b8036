// Component ids as Spin accepts them: words of ASCII letters and digits,
// each starting with a letter, all lower or all upper case, joined by '-'.

/** Why `id` is not an id Spin accepts, in Spin's words; undefined when it is one. */
export function componentIdProblem(id: string): string | undefined {
  if (id === '') return 'empty';
  if (id.includes('_')) return "words must be separated with '-', not '_'";
  for (const word of id.split('-')) {
    if (word === '') return "'-'-separated words must not be empty";
    if (!/^[A-Za-z]/.test(word)) return `'-'-separated words must start with an ASCII letter; got '${word[0]}'`;
    const wrong = word.match(/[^A-Za-z0-9]/);
    if (wrong) return `'-'-separated words may only contain alphanumeric ASCII; got '${wrong[0]}'`;
    const upper = /^[A-Z]/.test(word);
    if (/[A-Za-z]/.test(word.slice(1)) && (upper ? /[a-z]/ : /[A-Z]/).test(word.slice(1))) {
      return `'-'-separated words must be all lowercase or all UPPERCASE; got "${word}"`;
    }
  }
  return undefined;
}
