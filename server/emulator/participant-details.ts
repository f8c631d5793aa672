import { AwsError } from './aws-error.js';
import { checkStringMember } from './aws-input.js';
import type { CreateParticipantInput, ParticipantCapabilities } from './contact-store.js';

export const INVALID_PARAMETER = 'InvalidParameterException';
export const INVALID_REQUEST = 'InvalidRequestException';

const PARTICIPANT_ROLES = ['AGENT', 'CUSTOMER', 'SYSTEM', 'CUSTOM_BOT', 'SUPERVISOR'];

/** The members of CreateParticipant's `ParticipantDetails`, as given. */
export interface GivenParticipantDetails {
  DisplayName: unknown;
  ParticipantRole: unknown;
  ParticipantCapabilities: unknown;
}

/**
 * What each member is called in the caller's request: Connect nests them under
 * `ParticipantDetails.`, the emulator's admin route takes them flat. Error messages name the member
 * the way the caller wrote it.
 */
export interface ParticipantDetailsFields {
  DisplayName: string;
  ParticipantRole: string;
  ParticipantCapabilities: string;
}

/**
 * CreateParticipant's `ParticipantDetails`, checked as the service model says (connect-2017-08-08).
 * One check for Connect's API and for the admin route that adds a participant from the agent
 * console, so both refuse the same requests with the same error types. A web call takes users and
 * agents only ("four other participants (users or agents)", administrator guide, "Enable multi-user
 * in-app, web, and video calling"); the model's other roles are for chat.
 */
export function checkParticipantDetails(
  given: GivenParticipantDetails,
  fields: ParticipantDetailsFields,
): CreateParticipantInput['ParticipantDetails'] {
  const DisplayName =
    checkStringMember(INVALID_PARAMETER, fields.DisplayName, given.DisplayName, {
      required: false,
      min: 1,
      max: 256,
    }) ?? '';
  const role = given.ParticipantRole ?? 'CUSTOMER';
  if (typeof role !== 'string' || !PARTICIPANT_ROLES.includes(role)) {
    throw new AwsError(
      400,
      INVALID_PARAMETER,
      `${fields.ParticipantRole} must be one of ${PARTICIPANT_ROLES.join(', ')}.`,
    );
  }
  if (role !== 'CUSTOMER' && role !== 'AGENT') {
    throw new AwsError(
      400,
      INVALID_REQUEST,
      `${fields.ParticipantRole} ${role} cannot join a web call: add a CUSTOMER or an AGENT.`,
    );
  }
  return {
    DisplayName,
    ParticipantRole: role,
    ParticipantCapabilities: checkCapabilities(
      given.ParticipantCapabilities,
      fields.ParticipantCapabilities,
    ),
  };
}

function checkCapabilities(value: unknown, field: string): ParticipantCapabilities {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new AwsError(400, INVALID_PARAMETER, `${field} must be an object.`);
  }
  const capabilities: ParticipantCapabilities = {};
  for (const [key, given] of Object.entries(value)) {
    if (key !== 'Video' && key !== 'ScreenShare') {
      throw new AwsError(
        400,
        INVALID_PARAMETER,
        `${field}.${key} is not a capability: Video and ScreenShare are.`,
      );
    }
    if (given !== 'SEND') {
      throw new AwsError(400, INVALID_PARAMETER, `${field}.${key} must be SEND.`);
    }
    capabilities[key] = 'SEND';
  }
  return capabilities;
}
