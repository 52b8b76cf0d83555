package dev.junction.error;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TestErrorCode {
    @Test
    void numbersAreUnique() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::number)).doesNotHaveDuplicates();
    }

    @Test
    void numbersFollowTheirCategory() {
        Map<ErrorCategory, Integer> thousands =
                Map.of(ErrorCategory.USER, 1, ErrorCategory.EXTERNAL, 2, ErrorCategory.RESOURCES, 3, ErrorCategory.INTERNAL, 4);
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.number() / 1000).as(code.name()).isEqualTo(thousands.get(code.category()));
        }
    }

    @Test
    void userErrorsAreClientErrorsAndOthersAreNot() {
        for (ErrorCode code : ErrorCode.values()) {
            int status = HttpStatusMapping.statusOf(code);
            if (code.category() == ErrorCategory.USER) {
                assertThat(status).as(code.name()).isBetween(400, 499);
            } else if (code.category() == ErrorCategory.RESOURCES) {
                assertThat(status).as(code.name()).isIn(413, 429, 504);
            } else {
                assertThat(status).as(code.name()).isBetween(500, 599);
            }
        }
    }

    @Test
    void mapsTheCodesClientsBranchOn() {
        assertThat(HttpStatusMapping.statusOf(ErrorCode.SQL_PARSE_ERROR)).isEqualTo(400);
        assertThat(HttpStatusMapping.statusOf(ErrorCode.QUERY_NOT_FOUND)).isEqualTo(404);
        assertThat(HttpStatusMapping.statusOf(ErrorCode.REQUEST_TOO_LARGE)).isEqualTo(413);
        assertThat(HttpStatusMapping.statusOf(ErrorCode.ENGINE_UNAVAILABLE)).isEqualTo(503);
        assertThat(HttpStatusMapping.statusOf(ErrorCode.QUERY_TIMEOUT)).isEqualTo(504);
    }
}
