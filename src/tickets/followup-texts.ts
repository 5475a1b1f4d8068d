import { translate, type Language } from '../shared/languages';

/** What a reporting contact reads, in the follow-up mail and on the "did this help?" page. */
export interface FollowupTexts {
  subject: string;
  hello: (name: string) => string;
  youSaid: string;
  weDid: string;
  question: string;
  yes: string;
  no: string;
  thanks: string;
  /** The mail's footer: why the contact gets it. */
  why: string;
  send: string;
  saved: string;
  /** Asked after "No": what is still not right. */
  commentLabel: string;
  commentHint: string;
  /** The thanks after a "No", saying the answer went to the people working on it. */
  savedNo: string;
  chooseAnswer: string;
  commentTooLong: string;
}

const cache = new Map<Language, FollowupTexts>();

/** The follow-up texts in a language: the mail's from locales/<lang>/mail.json, the page's from respondent.json. */
export function followupTexts(language: Language): FollowupTexts {
  let texts = cache.get(language);
  if (!texts) {
    const mail = translate(language, 'mail');
    const page = translate(language, 'respondent');
    texts = Object.freeze({
      subject: mail('followup.subject'),
      hello: (name: string) => (name ? mail('followup.helloName', { name }) : mail('followup.hello')),
      youSaid: mail('followup.youSaid'),
      weDid: mail('followup.weDid'),
      question: mail('followup.question'),
      yes: mail('followup.yes'),
      no: mail('followup.no'),
      thanks: mail('followup.thanks'),
      why: mail('followup.why'),
      send: page('followup.send'),
      saved: page('followup.saved'),
      commentLabel: page('followup.commentLabel'),
      commentHint: page('followup.commentHint'),
      savedNo: page('followup.savedNo'),
      chooseAnswer: page('followup.chooseAnswer'),
      commentTooLong: page('followup.commentTooLong'),
    });
    cache.set(language, texts);
  }
  return texts;
}
