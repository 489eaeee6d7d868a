@testable import Persistence
import Testing

@Suite("SQL script splitting")
struct SQLScriptTests {
    @Test("splits on semicolons outside quotes and comments, keeping start lines")
    func splits() {
        let script = """
            -- a comment; with a semicolon
            CREATE TABLE a (x VARCHAR(5) DEFAULT ';');

            /* block; comment */ INSERT INTO a VALUES ('it''s; fine'), ("a\\"b;");
            # hash comment
            SELECT `we;ird` FROM a
            """
        let statements = SQLScript.statements(in: script)
        #expect(statements.map(\.line) == [2, 4, 6])
        #expect(statements[0].sql == "CREATE TABLE a (x VARCHAR(5) DEFAULT ';')")
        #expect(statements[1].sql == #"INSERT INTO a VALUES ('it''s; fine'), ("a\"b;")"#)
        #expect(statements[2].sql == "SELECT `we;ird` FROM a")
    }

    @Test("an empty or comment-only file has no statements")
    func empty() {
        #expect(SQLScript.statements(in: "").isEmpty)
        #expect(SQLScript.statements(in: "-- nothing\n/* here */\n").isEmpty)
    }
}
