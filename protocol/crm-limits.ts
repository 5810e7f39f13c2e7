/** Every limit of the contact card and CRM actions (FEATURES E), named so errors can quote them. */
export const CRM_LIMITS = {
  /** Characters in a note, a sales notification or a lead's first note. */
  noteChars: 2000,
  /** Characters in one tag; tags are trimmed and compared case-insensitively. */
  tagChars: 40,
  /** Tags on one record. */
  tagsPerContact: 50,
  /** Characters in a task title. */
  taskTitleChars: 200,
  /** Characters in a phone number as typed (spaces, dashes, brackets allowed). */
  phoneChars: 32,
  /** Digits a phone number must have at least. */
  phoneMinDigits: 5,
  /** Characters in a product search. */
  productQueryChars: 100,
  /** Products returned by one search. */
  productResults: 48,
  /** Feed items per page. */
  feedPage: 50,
  /** Notes, tasks and recent emails shown on the card (newest first). */
  cardNotes: 20,
  cardTasks: 20,
  cardEmails: 10,
  /** Lines of each recommendation list. */
  recommendations: 8,
  lastVisitItems: 10,
  abandonedCartItems: 10,
  /** Hours a cart line or a purchase stays on the card (FEATURES E2: last 24 h). */
  cartWindowHours: 24,
  purchaseWindowHours: 24,
  /** A cart untouched this long without a checkout counts as abandoned. */
  abandonAfterMinutes: 60,
  /** Page views further apart than this belong to different visits. */
  visitGapMinutes: 30,
  /** Tracking frames one visitor socket may send per minute; the rest are refused. */
  trackPerMinute: 60,
  /** Fields in one layout (standard and custom together). */
  layoutFields: 40,
  /** Characters in a field label. */
  fieldLabelChars: 60,
  /** Characters in a custom field's value. */
  fieldValueChars: 500,
  /** Reps in one distribution pool. */
  poolMembers: 200,
  /** Quantity of one product in a cart event. */
  cartQuantity: 999,
  /** Conversations per page of a contact's chat history (FEATURES E12). */
  contactChatsPage: 20,
  /** Characters of the visitor's first message shown for each of those conversations. */
  contactChatPreviewChars: 160,
} as const;
