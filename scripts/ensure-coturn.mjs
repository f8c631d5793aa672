// The emulator relays every call through a local TURN server, as production relays every call
// through Chime's (the SDK forces iceTransportPolicy 'relay' once JOIN_ACK carries TURN
// credentials). coturn is Debian's TURN server: this installs it when missing (as root), or stops
// with the exact command. The end-to-end tests never run without it.
import { ensureDebianPackage } from './debian-package.mjs';

ensureDebianPackage({
  pkg: 'coturn',
  paths: [process.env.TURNSERVER_PATH, '/usr/bin/turnserver'].filter(Boolean),
  why: 'No coturn found: the emulator relays calls through it, as production does.',
});
