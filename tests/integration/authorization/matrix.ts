/**
 * Who may do what: every route of the Remix manifest and every Socket.IO event, for each role.
 * The test fails for a route or event that has no entry here, so a new one must be thought about.
 *
 * Answers: 200 (or another success), "login" (302 to the sign-in page), "home" (302 elsewhere:
 * already signed in, or a redirect that is the page's normal answer), 403 (the person knows the
 * resource exists but may not use it), 404 (the person may not know it exists: a made-up id
 * answers the same). For actions, "ok" means the action ran its own checks (a validation error
 * counts), i.e. the person got past authorization.
 */
import type { Role } from "./fixture";

export type Answer = 200 | "login" | "home" | 403 | 404 | "ok";
export type RoleAnswers = Record<Role, Answer>;

/**
 * The observer is the coordinator on a group that invites the coordination (fixture.ts,
 * ROLE_PARAMS): outside a group's space they are the coordinator, so they answer alike unless said.
 * The administrator (in no program) answers like a participant of another program unless said; the
 * co-coordinator, like the coordinator (ADR 0035: the same rights on the program).
 */
function answers(
  anonymous: Answer,
  otherProgramParticipant: Answer,
  participant: Answer,
  otherGroupMember: Answer,
  member: Answer,
  otherCoordinator: Answer,
  coordinator: Answer,
  observer: Answer = coordinator,
  administrator: Answer = otherProgramParticipant,
  coCoordinator: Answer = coordinator,
): RoleAnswers {
  return {
    anonymous,
    otherProgramParticipant,
    participant,
    otherGroupMember,
    member,
    otherCoordinator,
    coordinator,
    observer,
    administrator,
    coCoordinator,
  };
}

//                          anon     other-prog part  other-grp member other-coord coord
const everyone = answers(200, 200, 200, 200, 200, 200, 200);
const signedOutOnly = answers(200, "home", "home", "home", "home", "home", "home");
const signedIn = answers("login", 200, 200, 200, 200, 200, 200);
/** Creating a program: accounts with the coordinator role (not a co-coordinator, ADR 0035). */
const coordinators = answers("login", 403, 403, 403, 403, 200, 200, 200, 403, 403);
/** The administration: administrators only (the demo coordinator is one); anyone else 404. */
const administrators = answers("login", 404, 404, 404, 404, 404, 200, 200, 200, 404);
const programPeople = answers("login", 404, 200, 200, 200, 404, 200);
const programParticipants = answers("login", 404, 200, 200, 200, 404, 403);
const programCoordinators = answers("login", 404, 403, 403, 403, 404, 200);
/** The coordination's own figures: not even the program's participants learn of them. */
const coordinationOnly = answers("login", 404, 404, 404, 404, 404, 200);
const groupMembers = answers("login", 404, 404, 404, 200, 404, 404);
/** What the group's observer may open (ADR 0027): its calendar and its meetings, read only. */
const groupViewers = answers("login", 404, 404, 404, 200, 404, 404, 200);
const groupViewersAct = answers("login", 404, 404, 404, "ok", 404, 404, 403);
/** Questionnaires are answered by the members of the program's groups. */
const respondents = answers("login", 404, 404, 200, 200, 404, 404);
/** A final interview: the program's coordinators and the participant interviewed (the member). */
const interviewed = answers("login", 404, 404, 404, 200, 404, 200);
/** An applicant's own application page: its applicant only (the fixture's roles are not). */
const applicantOnly = answers("login", 404, 404, 404, 404, 404, 404);
const asAction = (page: RoleAnswers): RoleAnswers =>
  Object.fromEntries(
    Object.entries(page).map(([role, answer]) => [role, answer === 200 ? "ok" : answer]),
  ) as RoleAnswers;

export interface RouteRule {
  /** Answers to a GET of the route's URL. */
  get: RoleAnswers;
  /** Answers to a POST of an empty form (routes with an action only). */
  post?: RoleAnswers;
  /** A query string the route needs (without it the answer is 400 for everyone). */
  query?: string;
}

export const ROUTE_MATRIX: Record<string, RouteRule> = {
  "routes/_index": { get: everyone },
  "routes/login": { get: signedOutOnly, post: asAction(signedOutOnly) },
  "routes/signup": { get: signedOutOnly, post: asAction(signedOutOnly) },
  /** "Mot de passe oublié ?": signed-in people go to their account (a reset link works for all). */
  "routes/forgot-password": { get: signedOutOnly, post: asAction(signedOutOnly) },
  "routes/privacy": { get: everyone },
  /** One's own account: nobody else's can be named. */
  "routes/account": { get: signedIn, post: asAction(signedIn) },
  /** Without a valid link, the address-change confirmation is nothing to anyone. */
  "routes/account_.email": {
    get: answers(404, 404, 404, 404, 404, 404, 404),
    post: answers(404, 404, 404, 404, 404, 404, 404),
  },
  "routes/logout": {
    get: answers("home", "home", "home", "home", "home", "home", "home"),
    post: answers("home", "home", "home", "home", "home", "home", "home"),
  },
  "routes/lang": {
    get: answers("home", "home", "home", "home", "home", "home", "home"),
    post: asAction(everyone),
  },
  "routes/dashboard": { get: signedIn },
  "routes/notifications": { get: signedIn },
  /** One's own data (#21): no parameter, so nobody reaches another person's. */
  "routes/account.data[.]tar[.]gz": { get: signedIn },
  "routes/account_.delete": { get: signedIn, post: asAction(signedIn) },
  /** The e-mails' link to one's notice choices: through the sign-in, then to /account#notices. */
  "routes/account_.notices": {
    get: answers("login", "home", "home", "home", "home", "home", "home"),
  },
  "routes/programs.new": { get: coordinators, post: asAction(coordinators) },
  "routes/apply.$programId": { get: everyone, post: asAction(everyone) },
  "routes/application.$token": { get: everyone },
  // A signed-in person's own application (found by their e-mail address): none of the roles
  // applied with the matrix's application, so everyone signed in gets a 404.
  "routes/applications.$applicationId": { get: applicantOnly },
  "routes/invitation.$token": { get: everyone, post: asAction(everyone) },
  "routes/co-coordination.$token": { get: everyone, post: asAction(signedIn) },
  "routes/admin.users": { get: administrators, post: asAction(administrators) },
  "routes/feeds.calendar.$token": { get: everyone },
  "routes/programs.$programId": { get: programPeople },
  "routes/programs.$programId._index": { get: programPeople },
  "routes/programs.$programId.directory": { get: programPeople },
  "routes/programs.$programId.profile": {
    get: programParticipants,
    post: asAction(programParticipants),
  },
  "routes/programs.$programId.events._index": {
    get: programPeople,
    post: asAction(programCoordinators),
  },
  "routes/programs.$programId.events.$eventId": { get: programPeople },
  /** Its settings are its coordinators' (the participants: 403, as on every coordination page). */
  "routes/programs.$programId.events.$eventId_.edit": {
    get: programCoordinators,
    post: asAction(programCoordinators),
  },
  "routes/programs.$programId.formation": {
    get: programCoordinators,
    post: asAction(programCoordinators),
  },
  "routes/programs.$programId.groups._index": {
    get: programParticipants,
    post: asAction(programParticipants),
  },
  "routes/programs.$programId.tools._index": { get: programPeople },
  "routes/programs.$programId.tools.$toolId.file": { get: groupMembers },
  "routes/programs.$programId.evaluations._index": {
    get: programPeople,
    post: asAction(programCoordinators),
  },
  "routes/programs.$programId.evaluations.$evaluationId": {
    get: respondents,
    post: asAction(respondents),
  },
  "routes/programs.$programId.interviews._index": {
    get: programPeople,
    post: asAction(programCoordinators),
  },
  "routes/programs.$programId.interviews.$interviewId": {
    get: interviewed,
    post: asAction(interviewed),
  },
  "routes/programs.$programId.applications._index": { get: programCoordinators },
  "routes/programs.$programId.applications.$applicationId": {
    get: programCoordinators,
    post: asAction(programCoordinators),
  },
  "routes/programs.$programId.invitations": {
    get: programCoordinators,
    post: asAction(programCoordinators),
  },
  "routes/programs.$programId.outbox": { get: programCoordinators },
  "routes/programs.$programId.settings": {
    get: programCoordinators,
    post: asAction(programCoordinators),
  },
  "routes/programs.$programId.coordination": {
    get: coordinationOnly,
    post: asAction(coordinationOnly),
  },
  "routes/programs.$programId.coordinators": {
    get: coordinationOnly,
    post: asAction(coordinationOnly),
  },
  "routes/programs.$programId.report": {
    get: programCoordinators,
    post: asAction(programCoordinators),
  },
  "routes/programs.$programId.report[.]csv": { get: programCoordinators, query: "?table=meetings" },
  "routes/programs.$programId.report[.]xlsx": { get: programCoordinators },
  "routes/programs.$programId.groups.$groupId": { get: groupMembers },
  "routes/programs.$programId.groups.$groupId_.agreement": {
    get: groupMembers,
    post: asAction(groupMembers),
  },
  "routes/programs.$programId.groups.$groupId_.calendar[.]ics": { get: groupViewers },
  "routes/programs.$programId.groups.$groupId_.checkins": {
    get: groupMembers,
    post: asAction(groupMembers),
  },
  "routes/programs.$programId.groups.$groupId_.codev._index": {
    get: groupMembers,
    post: asAction(groupMembers),
  },
  "routes/programs.$programId.groups.$groupId_.codev.$sessionId": { get: groupMembers },
  "routes/programs.$programId.groups.$groupId_.hours": {
    get: groupMembers,
    post: asAction(groupMembers),
  },
  "routes/programs.$programId.groups.$groupId_.meetings": {
    get: groupViewers,
    post: groupViewersAct,
  },
  "routes/programs.$programId.groups.$groupId_.meetings_.$meetingId": {
    get: groupViewers,
    post: groupViewersAct,
  },
  "routes/programs.$programId.groups.$groupId_.plan": {
    get: groupMembers,
    post: asAction(groupMembers),
  },
  "routes/programs.$programId.groups.$groupId_.tools": {
    get: groupMembers,
    post: asAction(groupMembers),
  },
};

/**
 * Socket.IO events: "ok" when the person gets past authorization (the event may still refuse for
 * another reason, e.g. "not now"), otherwise the refusal code. Anonymous sockets are refused at the
 * handshake, for every event (checked once in the test). Speed-dating events answer
 * `not_in_event` to anyone outside the event, for real and made-up ids alike.
 */
export type SocketAnswer = "ok" | "not_found" | "not_in_event" | "forbidden";
export type SocketAnswers = Record<Exclude<Role, "anonymous">, SocketAnswer>;

function socketAnswers(
  otherProgramParticipant: SocketAnswer,
  participant: SocketAnswer,
  otherGroupMember: SocketAnswer,
  member: SocketAnswer,
  otherCoordinator: SocketAnswer,
  coordinator: SocketAnswer,
  observer: SocketAnswer = coordinator,
  administrator: SocketAnswer = otherProgramParticipant,
  coCoordinator: SocketAnswer = coordinator,
): SocketAnswers {
  return {
    otherProgramParticipant,
    participant,
    otherGroupMember,
    member,
    otherCoordinator,
    coordinator,
    observer,
    administrator,
    coCoordinator,
  };
}

const inEvent = socketAnswers("not_in_event", "ok", "ok", "ok", "not_in_event", "ok");
const participantsInEvent = socketAnswers(
  "not_in_event",
  "ok",
  "ok",
  "ok",
  "not_in_event",
  "not_in_event",
);
const codevMembers = socketAnswers(
  "not_found",
  "not_found",
  "not_found",
  "ok",
  "not_found",
  "not_found",
);

export const SOCKET_MATRIX: Record<
  string,
  { answers: SocketAnswers; payload: Record<string, unknown> }
> = {
  "session:whoami": { answers: socketAnswers("ok", "ok", "ok", "ok", "ok", "ok"), payload: {} },
  "formation:watch": {
    answers: socketAnswers("not_found", "forbidden", "forbidden", "forbidden", "not_found", "ok"),
    payload: { programId: "prog-reemploi-2026" },
  },
  "event:join": { answers: inEvent, payload: { eventId: "evt-demo-novembre" } },
  "chat:send": {
    answers: inEvent,
    payload: { eventId: "evt-demo-novembre", roomId: "r1-1", text: "Bonjour" },
  },
  "note:sync": {
    answers: inEvent,
    payload: { eventId: "evt-demo-novembre", roomId: "r1-1", stateVector: new Uint8Array([0]) },
  },
  "note:update": {
    answers: inEvent,
    // An empty Yjs update (no structures, no deletions).
    payload: { eventId: "evt-demo-novembre", roomId: "r1-1", update: new Uint8Array([0, 0]) },
  },
  "rating:submit": {
    answers: participantsInEvent,
    payload: {
      eventId: "evt-demo-novembre",
      round: 1,
      toParticipantId: "p-inconnu",
      answer: "yes",
    },
  },
  "console:command": {
    answers: socketAnswers(
      "not_in_event",
      "forbidden",
      "forbidden",
      "forbidden",
      "not_in_event",
      "ok",
    ),
    payload: { eventId: "evt-demo-novembre", command: "pause" },
  },
  "codev:join": { answers: codevMembers, payload: { sessionId: "cdv-matrice" } },
  "codev:command": {
    answers: codevMembers,
    payload: { sessionId: "cdv-matrice", command: "pause" },
  },
  "codev:extend": { answers: codevMembers, payload: { sessionId: "cdv-matrice", minutes: 5 } },
  "codev:subject": { answers: codevMembers, payload: { sessionId: "cdv-matrice", text: "Sujet" } },
  "codev:note": {
    answers: codevMembers,
    payload: { sessionId: "cdv-matrice", step: 0, text: "Note" },
  },
  "codev:action:add": {
    answers: codevMembers,
    payload: { sessionId: "cdv-matrice", title: "Action" },
  },
  "codev:action:remove": {
    answers: codevMembers,
    payload: { sessionId: "cdv-matrice", itemId: "inconnu" },
  },
};
