// Share links: opens the session a URL fragment describes (on load and when it changes) and makes the link of the open
// one.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { t } from '../i18n/messages.js';
import { LESSON_CATALOG, lessonEntry } from '../lessons/catalog.js';
import { SessionLimitError } from '../session/session.js';
import {
  decodeChallengeShare,
  decodeShare,
  encodeChallengeShare,
  encodeShare,
  isChallengeLink,
  isShareLink,
  type SharedChallenge,
} from '../session/share.js';
import type { Notice, SessionController } from './session-controller.js';

export class ShareController implements ReactiveController {
  private readonly onHash = () => this.open(false);

  constructor(
    host: ReactiveControllerHost,
    private readonly sessions: SessionController,
    private readonly say: (notice: Notice) => void,
    /** Opens a challenge link's challenge with its answer (the challenges tab). */
    private readonly openChallenge: (shared: SharedChallenge) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('hashchange', this.onHash);
    this.open(true);
  }

  hostDisconnected(): void {
    window.removeEventListener('hashchange', this.onHash);
  }

  /**
   * Opens the session a share link describes (or, on first load without one, lesson 1a), or a challenge link's
   * challenge.
   */
  private open(firstLoad: boolean): void {
    const challenge = decodeChallengeShare(location.hash);
    if (challenge) this.openChallenge(challenge);
    else if (isChallengeLink(location.hash)) this.say({ kind: 'error', text: t('shareDamaged') });
    const shared = decodeShare(location.hash);
    const lesson = lessonEntry(shared?.lesson);
    if (shared && !lesson) this.say({ kind: 'error', text: `${t('shareUnknown')} ${shared.lesson}` });
    if (!shared && isShareLink(location.hash)) this.say({ kind: 'error', text: t('shareDamaged') });
    const opening =
      lesson && shared
        ? this.sessions.openLesson(lesson, { seed: shared.seed, steps: shared.steps })
        : firstLoad
          ? this.sessions.openLesson(LESSON_CATALOG[0])
          : Promise.resolve();
    void opening.catch((err: unknown) => {
      if (!(err instanceof SessionLimitError)) throw err;
      this.say({ kind: 'error', text: t('shareDamaged') });
      if (firstLoad) return this.sessions.openLesson(LESSON_CATALOG[0]);
    });
  }

  /** The URL of a challenge with the answer typed for it (any session may be open meanwhile). */
  challengeLink(shared: SharedChallenge): string {
    history.replaceState(null, '', withoutQuery(encodeChallengeShare(shared)));
    const url = location.href;
    navigator.clipboard?.writeText(url).catch(() => undefined);
    this.say({ kind: 'ok', text: `${t('shareCopied')}: ${url}` });
    return url;
  }

  /** The URL of this session (lesson, seed, typed lines with their times); only a lesson's session can be shared. */
  link(): string {
    const { lesson, session } = this.sessions;
    if (!lesson || !session) {
      this.say({ kind: 'error', text: t('shareLessonsOnly') });
      return '';
    }
    const fragment = encodeShare({ lesson: lesson.id, seed: session.setup.seed, steps: session.steps });
    history.replaceState(null, '', withoutQuery(fragment));
    const url = location.href;
    navigator.clipboard?.writeText(url).catch(() => undefined);
    this.say({ kind: 'ok', text: `${t('shareCopied')}: ${url}` });
    return url;
  }
}

/**
 * The page's address with `fragment` and no query: a link made after opening `?trace=…` shares the session, not those
 * traces.
 */
const withoutQuery = (fragment: string): string => `${location.pathname}${fragment}`;
