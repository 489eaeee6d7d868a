#ifndef CMARIADB_SHIM_H
#define CMARIADB_SHIM_H
#include <stddef.h>
#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>

/// `mysql_library_init` is a macro; call this once before any thread touches the library.
static inline int cmariadb_library_init(void) {
    return mysql_server_init(0, NULL, NULL);
}

/// Connect, read and write timeouts in seconds, so a dead server never hangs a request for long.
static inline int cmariadb_set_timeouts(MYSQL *mysql, unsigned int connect, unsigned int read, unsigned int write) {
    int rc = mysql_options(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &connect);
    rc |= mysql_options(mysql, MYSQL_OPT_READ_TIMEOUT, &read);
    rc |= mysql_options(mysql, MYSQL_OPT_WRITE_TIMEOUT, &write);
    return rc;
}

/// utf8mb4 on the wire, whatever the server's default.
static inline int cmariadb_set_charset(MYSQL *mysql, const char *charset) {
    return mysql_options(mysql, MYSQL_SET_CHARSET_NAME, charset);
}

/// Lets `LOAD DATA LOCAL INFILE` read client files (used by the import benchmark's ceiling only).
static inline int cmariadb_allow_local_infile(MYSQL *mysql, unsigned int allow) {
    return mysql_options(mysql, MYSQL_OPT_LOCAL_INFILE, &allow);
}

/// Makes `mysql_stmt_store_result` fill `MYSQL_FIELD.max_length`, so result buffers fit exactly.
static inline my_bool cmariadb_stmt_update_max_length(MYSQL_STMT *stmt) {
    my_bool on = 1;
    return mysql_stmt_attr_set(stmt, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
}

/// Binds `rows` rows of parameters in one execute (MariaDB's array binding, column-wise).
static inline my_bool cmariadb_stmt_set_array_size(MYSQL_STMT *stmt, unsigned int rows) {
    return mysql_stmt_attr_set(stmt, STMT_ATTR_ARRAY_SIZE, &rows);
}
#endif
