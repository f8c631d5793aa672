// A server component: it imports the package itself (evaluated on the server, where there is no
// window) and renders the client component that mounts the widget in the browser.
import { ELEMENT_NAME } from 'connect-video-widget';
import { VideoCall } from './video-call';

export default function Page() {
  return (
    <main data-element-name={ELEMENT_NAME}>
      <h1>Acme Insurance</h1>
      <p>Claims help, face to face.</p>
      <VideoCall />
    </main>
  );
}
