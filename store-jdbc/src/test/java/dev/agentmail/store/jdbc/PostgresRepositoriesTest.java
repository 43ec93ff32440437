package dev.agentmail.store.jdbc;

/** The PostgreSQL storage profile, on the server `./agentmail test` starts. */
class PostgresRepositoriesTest extends JdbcRepositoriesContractTest {
    @Override
    JdbcDatabase openDatabase() {
        return TestPostgres.freshDatabase();
    }
}
