package dev.junction.history;

import dev.junction.error.ErrorCode;
import dev.junction.error.JunctionException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TestQueryState {
    @Test
    void aQueryWithoutAnErrorFinished() {
        assertThat(QueryState.ended(Optional.empty())).isEqualTo(QueryState.FINISHED);
    }

    @Test
    void cancellationAndTimeoutHaveTheirOwnStatesEveryOtherCodeIsAFailure() {
        assertThat(QueryState.ended(Optional.of(ErrorCode.QUERY_CANCELLED))).isEqualTo(QueryState.CANCELLED);
        assertThat(QueryState.ended(Optional.of(ErrorCode.QUERY_TIMEOUT))).isEqualTo(QueryState.TIMED_OUT);
        for (ErrorCode code : ErrorCode.values()) {
            if (code != ErrorCode.QUERY_CANCELLED && code != ErrorCode.QUERY_TIMEOUT) {
                assertThat(QueryState.ended(Optional.of(code))).as(code.name()).isEqualTo(QueryState.FAILED);
            }
        }
    }

    @Test
    void labelsAreWhatClientsWriteAndParseBack() {
        assertThat(List.of(QueryState.values())).extracting(QueryState::label)
                .containsExactly("running", "finished", "failed", "cancelled", "timed_out");
        assertThat(QueryState.parse("timed_out")).contains(QueryState.TIMED_OUT);
        assertThat(QueryState.parse("TIMED_OUT")).isEmpty();
        assertThat(QueryState.parse("done")).isEmpty();
    }

    @Test
    void anEndCarriesTheCodeAndTheMessageTheClientGot() {
        QueryEnd end = QueryEnd.of("q1", Optional.of(new JunctionException(ErrorCode.SQL_PARSE_ERROR, "bad")), 0, 0,
                List.of());
        assertThat(end.state()).isEqualTo(QueryState.FAILED);
        assertThat(end.errorCode()).contains(ErrorCode.SQL_PARSE_ERROR);
        assertThat(end.errorMessage()).contains("bad");
    }
}
