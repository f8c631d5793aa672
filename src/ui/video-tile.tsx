import { useEffect, useRef } from 'preact/hooks';
import { inlineVideo } from './inline-video';
import type { CallSession } from '../media/call-session';
import type { VideoTile as Tile } from '../media/media-session-observer';

export type TileRole = 'agent' | 'agent-screen' | 'participant' | 'screen' | 'self';

export function VideoTile({
  tile,
  session,
  role,
  label,
}: {
  tile: Tile;
  session: CallSession;
  role: TileRole;
  label: string;
}) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = video.current;
    if (!element) return;
    session.bindVideo(tile.tileId, element);
    return () => session.unbindVideo(tile.tileId);
  }, [tile.tileId, session]);
  return (
    <figure
      class={`connect-video-tile connect-video-tile-${role}`}
      data-tile={role}
      data-paused={tile.paused}
    >
      <video ref={video} {...inlineVideo} aria-label={label} />
    </figure>
  );
}
