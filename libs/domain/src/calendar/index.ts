// Working days on a snapshot of holiday data. The official China data set lives in
// './china-official-calendar', imported directly by activities and the API, never by workflows.
export {
  chinaInstant,
  chinaLocalDate,
  chinaWeekday,
  endOfChinaDay,
  isLocalDate,
  isLocalTime,
  type LocalDate,
  type LocalTime,
} from './china-time';
export * from './working-day-calendar';
