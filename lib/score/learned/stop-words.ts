/**
 * English function words left out of the learned ranker's terms. They carry no topic, and as
 * bigram halves they would pair every content word with its neighbours ("of the", "for llm").
 * Common but topical words ("model", "learning") stay: idf weighs them down, and a negative
 * weight on them is information too.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each either et etc few for from further had has have having he her here hers herself ' +
    'him himself his how however i if in into is it its itself just let may me might more most much must my myself no nor not now ' +
    'of off on once one only or other our ours ourselves out over own per same shall she should since so some such than that the ' +
    'their theirs them themselves then there these they this those though through thus to too under until up upon us use used ' +
    'using very via was we were what when where whether which while who whom whose why will with within without would yet you ' +
    'your yours yourself yourselves'
  ).split(' '),
);
