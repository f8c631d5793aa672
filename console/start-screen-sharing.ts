import { ConnectClient, StartScreenSharingCommand } from '@aws-sdk/client-connect';

/**
 * The agent starts the contact's screen-sharing session the way a real agent application does:
 * Amazon Connect's StartScreenSharing through the AWS SDK, here against the emulator (which checks
 * that the request is signed, not by whom).
 */
export async function startScreenSharing(instanceId: string, contactId: string): Promise<void> {
  const client = new ConnectClient({
    endpoint: `${location.origin}/emulator/connect`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCALAGENTCONSOLE', secretAccessKey: 'local-emulator-only' },
  });
  await client.send(
    new StartScreenSharingCommand({
      InstanceId: instanceId,
      ContactId: contactId,
      ClientToken: crypto.randomUUID(),
    }),
  );
}
