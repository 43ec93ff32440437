package dev.agentmail.domain.model;

import dev.agentmail.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageRequestTest {
    @Test
    void theFirstPageHasTheDefaultSize() {
        assertThat(PageRequest.first()).isEqualTo(new PageRequest(1, PageRequest.DEFAULT_PAGE_SIZE));
        assertThat(PageRequest.first().offset()).isZero();
    }

    @Test
    void theOffsetSkipsTheEarlierPages() {
        assertThat(new PageRequest(3, 20).offset()).isEqualTo(40);
        assertThat(new PageRequest(PageRequest.MAX_PAGE, PageRequest.MAX_PAGE_SIZE).offset())
            .isEqualTo((long) (PageRequest.MAX_PAGE - 1) * PageRequest.MAX_PAGE_SIZE);
    }

    @Test
    void pagesOutsideTheBoundsAreRefused() {
        assertThatThrownBy(() -> new PageRequest(0, 20))
            .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("page"));
        assertThatThrownBy(() -> new PageRequest(-1, 20)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new PageRequest(PageRequest.MAX_PAGE + 1, 20)).isInstanceOf(InvalidInputException.class);
        assertThat(new PageRequest(PageRequest.MAX_PAGE, 20).page()).isEqualTo(PageRequest.MAX_PAGE);
    }

    @Test
    void pageSizesOutsideTheBoundsAreRefused() {
        assertThatThrownBy(() -> new PageRequest(1, 0))
            .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("page_size"));
        assertThatThrownBy(() -> new PageRequest(1, PageRequest.MAX_PAGE_SIZE + 1)).isInstanceOf(InvalidInputException.class);
        assertThat(new PageRequest(1, 1).pageSize()).isEqualTo(1);
        assertThat(new PageRequest(1, PageRequest.MAX_PAGE_SIZE).pageSize()).isEqualTo(PageRequest.MAX_PAGE_SIZE);
    }
}
