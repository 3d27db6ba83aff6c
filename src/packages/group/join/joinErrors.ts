import type { CloudError } from '../../../services/cloudError';
import { ErrorCode } from '../../../services/errorCodes';
import { userMessage } from '../../../utils/errorMessage';

export interface JoinProblem {
  title: string;
  /** The server's own words (they say what to do next), or ours for transport failures. */
  detail: string;
  /** Whether "open the group" makes sense (I am already in it). */
  offerGroupLink: boolean;
  /** Whether trying again could help. */
  retryable: boolean;
}

/** Explains a failed preview or join in plain words, one case per contract code. */
export function explainJoinError(error: CloudError): JoinProblem {
  const detail = userMessage(error);
  switch (error.code) {
    case ErrorCode.GROUP_FULL:
      return { title: '这个小黑群已经满员了', detail, offerGroupLink: false, retryable: false };
    case ErrorCode.ALREADY_MEMBER:
      return { title: '你已经在这个小黑群里了', detail, offerGroupLink: true, retryable: false };
    case ErrorCode.INVITE_INVALID:
    case ErrorCode.NOT_FOUND:
      return { title: '邀请已失效', detail, offerGroupLink: false, retryable: false };
    case ErrorCode.INVALID_PARAMS:
      // The only parameter here is the code from the link, so a malformed code is a broken
      // link; the server's text names the field for developers, the user needs the remedy.
      return {
        title: '邀请链接有误',
        detail: '链接里的邀请码不完整或有误，请让好友重新发一次邀请。',
        offerGroupLink: false,
        retryable: false,
      };
    case ErrorCode.USER_LIMIT:
      return { title: '你加入的小黑群已经够多了', detail, offerGroupLink: false, retryable: false };
    default:
      return { title: '没能加入', detail, offerGroupLink: false, retryable: true };
  }
}
