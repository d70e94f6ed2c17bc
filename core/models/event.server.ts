/**
 * Speed-dating events: their settings, the server-authoritative clock, the round schedule and the
 * ratings. The live layer (server/live/speed-dating.ts) calls these functions; so do the pages.
 *
 * The parts live in core/models/event/: settings.server.ts (events, their settings and people;
 * who may take part is core/permissions/index.ts), clock.server.ts (commands, the round schedule,
 * rooms), ratings.server.ts (ratings and mutual matches), room-notes.server.ts (rooms' shared
 * notes) and announcements.server.ts (announcements, updates and reminders to the invited people);
 * this module re-exports them all.
 */
export * from "./event/settings.server";
export * from "./event/clock.server";
export * from "./event/ratings.server";
export * from "./event/room-notes.server";
export * from "./event/announcements.server";
