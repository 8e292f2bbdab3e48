"""The facilitator plugin: two editions from one source. The learner edition leaves out every
facilitator note and the whole facilitator guide; the facilitator edition shows the notes in place,
clearly marked, and adds the guide, whose session plans come from sessions/*.yml."""
