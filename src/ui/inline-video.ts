/**
 * The attributes of every video the widget shows (the agent, the agent's screen, the self view,
 * the camera preview). Safari on iPhone plays a video full screen unless it has `playsinline`,
 * and autoplays it without a user gesture only when it is muted; the call's sound plays from its
 * own audio element (WebKit's video policies: https://webkit.org/blog/6784/new-video-policies-for-ios/).
 */
export const inlineVideo = { autoplay: true, muted: true, playsInline: true } as const;
