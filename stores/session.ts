import { defineStore } from 'pinia';
import type { Role, WorkingChats } from '#protocol';
import { computed, ref } from 'vue';
import { useStorageItem } from '#utils/live-query';
import { sendMessage, type SettableStatus, type SignInRequest } from '#utils/messaging';
import { connectionStateItem, hubUrlItem, repItem } from '#utils/settings';

/** Who is signed in and how the link to the hub is doing; every page reads it, the worker writes it. */
export const useSessionStore = defineStore('session', () => {
  const rep = useStorageItem(repItem);
  const hubUrl = useStorageItem(hubUrlItem);
  const connection = useStorageItem(connectionStateItem);
  /** False until storage answered: no sign-in form flashes for a signed-in rep, and the form gets the saved hub URL. */
  const ready = ref(false);
  void Promise.all([repItem.getValue(), hubUrlItem.getValue()]).then(([repValue, hubUrlValue]) => {
    rep.value = repValue;
    hubUrl.value = hubUrlValue;
    ready.value = true;
  });

  // Any message wakes a worker the browser has stopped, and a waking worker reconnects at once
  // instead of at the next alarm; so a page that opens always has a live connection behind it.
  void Promise.resolve(sendMessage('getState')).catch(() => {});

  const signedIn = computed(() => rep.value !== null);
  /** Observers see everything but never take or reply (FEATURES A4, C3); what counts is the mode worked in now. */
  const canAct = computed(() => {
    const mode = rep.value?.mode ?? rep.value?.role;
    return mode === 'rep' || mode === 'admin';
  });

  function signIn(request: SignInRequest) {
    return sendMessage('signIn', request);
  }
  function signOut() {
    return sendMessage('signOut');
  }
  function setStatus(status: SettableStatus) {
    return sendMessage('setStatus', { status });
  }

  function setMode(mode: Role) {
    return sendMessage('setMode', { mode });
  }

  /** The chats to work in, or all (FEATURES A2). */
  function setChats(chats: WorkingChats) {
    return sendMessage('setChats', { chats });
  }

  return { rep, hubUrl, connection, ready, signedIn, canAct, signIn, signOut, setStatus, setMode, setChats };
});
