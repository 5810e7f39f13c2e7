import {
  AdminChatsResponse,
  ChannelConnectionList,
  ChannelConnectionView,
  type ChannelProvider,
  HubStatus,
  IdentitySecretResponse,
  InviteResponse,
  NewChatResponse,
  NewQueueResponse,
  PeopleResponse,
  Person,
  ResetResponse,
  type Invite,
  type PersonChange,
  type RepDefaults,
} from '#protocol';
import { hubCaller, type ApiResult } from './admin-api';

/**
 * The admin console's people and websites endpoints (FEATURES H1, H2): list, invite, change, reset,
 * delete people; create and delete websites (chats) and queues. The hub checks the role and every
 * body; a refusal comes back in its own words, which the console shows.
 */
export interface ConsoleApi {
  loadPeople(): Promise<ApiResult<PeopleResponse>>;
  invite(body: Invite): Promise<ApiResult<InviteResponse>>;
  changePerson(id: string, change: PersonChange): Promise<ApiResult<Person>>;
  resetPassword(id: string): Promise<ApiResult<ResetResponse>>;
  deletePerson(id: string): Promise<ApiResult<void>>;
  /** Ends every session of theirs: their extensions are signed out at once. */
  signOutEverywhere(id: string): Promise<ApiResult<void>>;
  saveRepDefaults(defaults: RepDefaults): Promise<ApiResult<void>>;
  loadStatus(): Promise<ApiResult<HubStatus>>;
  loadChats(): Promise<ApiResult<AdminChatsResponse>>;
  createChat(name: string): Promise<ApiResult<NewChatResponse>>;
  deleteChat(id: string, moveToQueueId: string | null): Promise<ApiResult<void>>;
  createQueue(chatId: string, name: string): Promise<ApiResult<{ id: string }>>;
  deleteQueue(id: string, moveToQueueId: string | null): Promise<ApiResult<void>>;
  /** A new identity-verification secret for the chat, answered this once; the one before stops verifying. */
  renewIdentitySecret(chatId: string): Promise<ApiResult<IdentitySecretResponse>>;
  dropIdentitySecret(chatId: string): Promise<ApiResult<void>>;
  /** A website's messaging-channel connections (FEATURES G2–G4): secrets only as `{ set: true }`. */
  loadChannels(chatId: string): Promise<ApiResult<ChannelConnectionList>>;
  /** Saves one provider's connection; a secret left out keeps the stored one. */
  saveChannel(chatId: string, provider: ChannelProvider, body: object): Promise<ApiResult<ChannelConnectionView>>;
  deleteChannel(chatId: string, provider: ChannelProvider): Promise<ApiResult<void>>;
}

export function createConsoleApi(hubUrl: string, token: string, fetchImpl: typeof fetch = fetch): ConsoleApi {
  const call = hubCaller(hubUrl, token, fetchImpl);
  const person = (id: string) => `/api/admin/people/${encodeURIComponent(id)}`;
  return {
    loadPeople: () => call('GET', '/api/admin/people', undefined, (json) => PeopleResponse.parse(json)),
    invite: (body) => call('POST', '/api/admin/people', body, (json) => InviteResponse.parse(json)),
    changePerson: (id, change) => call('PATCH', person(id), change, (json) => Person.parse(json)),
    resetPassword: (id) => call('POST', `${person(id)}/reset-password`, undefined, (json) => ResetResponse.parse(json)),
    deletePerson: (id) => call('DELETE', person(id)),
    signOutEverywhere: (id) => call('POST', `${person(id)}/sign-out`),
    saveRepDefaults: (defaults) => call('PUT', '/api/admin/rep-defaults', defaults),
    loadStatus: () => call('GET', '/api/admin/status', undefined, (json) => HubStatus.parse(json)),
    loadChats: () => call('GET', '/api/admin/chats', undefined, (json) => AdminChatsResponse.parse(json)),
    createChat: (name) => call('POST', '/api/admin/chats', { name }, (json) => NewChatResponse.parse(json)),
    deleteChat: (id, moveToQueueId) => call('DELETE', `/api/admin/chats/${encodeURIComponent(id)}`, { moveToQueueId }),
    createQueue: (chatId, name) =>
      call('POST', '/api/admin/queues', { chatId, name }, (json) => NewQueueResponse.parse(json)),
    deleteQueue: (id, moveToQueueId) =>
      call('DELETE', `/api/admin/queues/${encodeURIComponent(id)}`, { moveToQueueId }),
    renewIdentitySecret: (chatId) =>
      call('POST', `/api/admin/chats/${encodeURIComponent(chatId)}/identity-secret`, undefined, (json) =>
        IdentitySecretResponse.parse(json),
      ),
    dropIdentitySecret: (chatId) => call('DELETE', `/api/admin/chats/${encodeURIComponent(chatId)}/identity-secret`),
    loadChannels: (chatId) =>
      call('GET', `/api/admin/chats/${encodeURIComponent(chatId)}/channels`, undefined, (json) =>
        ChannelConnectionList.parse(json),
      ),
    saveChannel: (chatId, provider, body) =>
      call('PUT', `/api/admin/chats/${encodeURIComponent(chatId)}/channels/${provider}`, body, (json) =>
        ChannelConnectionView.parse(json),
      ),
    deleteChannel: (chatId, provider) =>
      call('DELETE', `/api/admin/chats/${encodeURIComponent(chatId)}/channels/${provider}`),
  };
}
