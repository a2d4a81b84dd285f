package postgres

// DailyLock is the key of the lock a counter holds while it writes the day's backup.
const DailyLock = dailyLock
