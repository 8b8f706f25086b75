/* Store notes in an in-memory SQLite database and print them back. */
#include <sqlite3.h>
#include <stdio.h>

static int print_row(void *unused, int columns, char **values, char **names) {
    (void)unused;
    (void)names;
    for (int i = 0; i < columns; i++) printf("%s%s", i ? " | " : "", values[i]);
    putchar('\n');
    return 0;
}

int main(void) {
    sqlite3 *db;
    char *error = NULL;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) return 1;
    const char *sql =
        "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT);"
        "INSERT INTO notes(body) VALUES ('rotate the keys'), ('renew the certificate');"
        "SELECT id, body FROM notes ORDER BY id;";
    printf("sqlite %s\n", sqlite3_libversion());
    if (sqlite3_exec(db, sql, print_row, NULL, &error) != SQLITE_OK) {
        fprintf(stderr, "notes: %s\n", error);
        sqlite3_free(error);
        return 1;
    }
    sqlite3_close(db);
    return 0;
}
